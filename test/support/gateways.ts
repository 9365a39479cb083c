import { testHub } from './hub-info';

/**
 * The two gateways in front of the test hub's subgraphs: Apollo's, and Hive Gateway (gateway/src/hive/). A test
 * run through both (`describe.each(gateways())`) shows that what the subgraphs refuse, no gateway lets through.
 */
export const gateways = (): [name: string, url: string][] => [
  ['Apollo', testHub().gatewayUrl],
  ['Hive', testHub().hiveGatewayUrl],
];
