/** The victim as this subgraph knows them: the kit's stub, by pseudonymous id only. */
export { AgencyVictim as Victim } from '@hub/shared';
