import { generateKeyPairSync } from 'node:crypto';
import { hashLeaf } from '../merkle';
import { checkpointBody, cosign, formatNote, parseCheckpointBody, parseNote, parseVerifierKey, signCheckpoint, verifierKey, verifyCheckpointSignature, verifyCosignature } from '../signed-note';

describe('C2SP checkpoints, signed notes and cosignatures', () => {
  const log = generateKeyPairSync('ed25519');
  const witness = generateKeyPairSync('ed25519');
  const body = checkpointBody({ origin: 'example.org/log', size: 12, root: hashLeaf(Buffer.from('x')) });

  it('writes the checkpoint body as origin, size and base64 root lines', () => {
    expect(body).toBe(`example.org/log\n12\n${hashLeaf(Buffer.from('x')).toString('base64')}\n`);
    expect(parseCheckpointBody(body)).toEqual({ origin: 'example.org/log', size: 12, root: hashLeaf(Buffer.from('x')) });
  });

  it("checks the log's signature and the witness's cosignature, and refuses them on another body or key", () => {
    const signed = parseNote(formatNote({ body, signatures: [signCheckpoint(body, 'log', log.privateKey), cosign(body, 'w', witness.privateKey, 1_700_000_000)] }));
    expect(verifyCheckpointSignature(signed, 'log', log.publicKey)).toBe(true);
    expect(verifyCosignature(signed, 'w', witness.publicKey)).toBe(1_700_000_000);
    expect(verifyCheckpointSignature(signed, 'log', witness.publicKey)).toBe(false);
    const other = { ...signed, body: body.replace('\n12\n', '\n13\n') };
    expect(verifyCheckpointSignature(other, 'log', log.publicKey)).toBe(false);
    expect(verifyCosignature(other, 'w', witness.publicKey)).toBeNull();
  });

  it('round-trips verifier keys, including ones whose base64 contains "+"', () => {
    for (let i = 0; i < 40; i += 1) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const parsed = parseVerifierKey(verifierKey('witness.example', 0x04, privateKey));
      expect(parsed.name).toBe('witness.example');
      expect(parsed.key.export({ format: 'jwk' })).toEqual(publicKey.export({ format: 'jwk' }));
    }
  });
});
