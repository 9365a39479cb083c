import { runSubgraph } from '@hub/shared';
import { socialServicesSubgraph } from './definition';

void runSubgraph(socialServicesSubgraph);
