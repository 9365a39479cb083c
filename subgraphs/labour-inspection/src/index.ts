import { runSubgraph } from '@hub/shared';
import { labourInspectionSubgraph } from './definition';

void runSubgraph(labourInspectionSubgraph);
