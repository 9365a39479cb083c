import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A victim's cooperation with the police, from the date it began. */
@Entity('cooperation')
export class Cooperation {
  @PrimaryColumn({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Column({ type: 'timestamptz' })
  since!: Date;
}
