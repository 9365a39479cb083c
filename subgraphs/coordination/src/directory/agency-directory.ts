import { Field, ObjectType } from 'type-graphql';
import { Agency, Region } from '@hub/shared';

/** An agency's 24-hour on-call contact. Not personal data about victims. */
@ObjectType({ description: "An agency's 24-hour on-call contact for the coordinating unit." })
export class AgencyContact {
  @Field(() => Agency) agency!: Agency;
  @Field(() => String) unit!: string;
  @Field(() => Region, { nullable: true, description: 'Region served; null for a national unit.' }) region!: Region | null;
  @Field(() => String) onCallPhone!: string;
  @Field(() => String) email!: string;
}

/** The directory the coordinating unit keeps of the agencies in the cooperation. */
export const agencyDirectory: readonly AgencyContact[] = [
  { agency: Agency.COORDINATION, unit: 'National coordinating unit (KOM)', region: null, onCallPhone: '+47 23 00 00 10', email: 'kom@coordination.hub.example' },
  { agency: Agency.POLICE, unit: 'National criminal investigation service, trafficking section', region: null, onCallPhone: '+47 23 00 00 20', email: 'trafficking@police.hub.example' },
  { agency: Agency.POLICE, unit: 'Oslo police district, trafficking group', region: Region.OSLO, onCallPhone: '+47 23 00 00 21', email: 'oslo@police.hub.example' },
  { agency: Agency.IMMIGRATION, unit: 'Directorate of immigration, protection unit', region: null, onCallPhone: '+47 23 00 00 30', email: 'vakt@immigration.hub.example' },
  { agency: Agency.SOCIAL_SERVICES, unit: 'Safe-house placement desk', region: null, onCallPhone: '+47 23 00 00 40', email: 'placement@social.hub.example' },
  { agency: Agency.HEALTH, unit: 'Emergency outpatient clinic, trafficking contact', region: Region.OSLO, onCallPhone: '+47 23 00 00 50', email: 'legevakt@health.hub.example' },
  { agency: Agency.CHILD_WELFARE, unit: 'Child welfare on-call service', region: null, onCallPhone: '+47 23 00 00 60', email: 'barnevernvakt@childwelfare.hub.example' },
  { agency: Agency.NGO, unit: 'NGO reference group hotline', region: null, onCallPhone: '+47 23 00 00 70', email: 'reference-group@ngo.hub.example' },
];
