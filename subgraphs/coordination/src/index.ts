import { runSubgraph } from '@hub/shared';
import { coordinationSubgraph } from './definition';

void runSubgraph(coordinationSubgraph);
