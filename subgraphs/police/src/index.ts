import { runSubgraph } from '@hub/shared';
import { policeSubgraph } from './definition';

void runSubgraph(policeSubgraph);
