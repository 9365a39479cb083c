/**
 * `npm run build`: compiles every workspace's src/ to JavaScript in dist/ (build-services.ts) and prints how
 * long it took. `npm start`, the test run's global setup and every hub launch (launch-hub.ts) build first.
 */
import { buildServices, describeBuild } from './build-services';

buildServices().then(
  (result) => console.log(describeBuild(result)),
  (error: unknown) => {
    console.error(`The build failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
