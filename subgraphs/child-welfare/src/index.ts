import { runSubgraph } from '@hub/shared';
import { childWelfareSubgraph } from './definition';

void runSubgraph(childWelfareSubgraph);
