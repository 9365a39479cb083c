import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A signed tree head of the access log (C2SP checkpoint), with the witness cosignature when it has one.' })
export class TreeHead {
  @Field(() => Int, { description: 'Number of records (leaves) in the tree.' }) size!: number;
  @Field(() => String, { description: 'RFC 9162 root hash, hex.' }) rootHash!: string;
  @Field(() => String, { description: 'The signed note: origin, size, base64 root, then the signature lines.' }) checkpoint!: string;
  @Field(() => Boolean, { description: 'Whether the witness has cosigned this head.' }) witnessed!: boolean;
}

@ObjectType({ description: 'An RFC 9162 inclusion proof of one access record against a signed tree head.' })
export class AccessRecordProof {
  @Field(() => ID) seq!: string;
  @Field(() => Int, { description: 'Leaf index in the tree (seq − 1).' }) leafIndex!: number;
  @Field(() => String, { description: "RFC 9162 leaf hash of the record's canonical form, hex." }) leafHash!: string;
  @Field(() => [String], { description: 'The audit path, hex, leaf to root.' }) inclusionPath!: string[];
  @Field(() => TreeHead) head!: TreeHead;
}

@ObjectType({ description: 'An RFC 9162 consistency proof: the tree of `toSize` records extends the tree of `fromSize`.' })
export class TreeConsistencyProof {
  @Field(() => Int) fromSize!: number;
  @Field(() => Int) toSize!: number;
  @Field(() => TreeHead) fromHead!: TreeHead;
  @Field(() => TreeHead) toHead!: TreeHead;
  @Field(() => [String], { description: 'Hex hashes.' }) proof!: string[];
}
