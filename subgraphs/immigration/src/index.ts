import { runSubgraph } from '@hub/shared';
import { immigrationSubgraph } from './definition';

void runSubgraph(immigrationSubgraph);
