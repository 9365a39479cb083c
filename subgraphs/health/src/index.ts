import { runSubgraph } from '@hub/shared';
import { healthSubgraph } from './definition';

void runSubgraph(healthSubgraph);
