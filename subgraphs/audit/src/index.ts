import { runSubgraph } from '@hub/shared';
import { auditSubgraph } from './definition';

void runSubgraph(auditSubgraph);
