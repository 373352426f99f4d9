// The older `kubectl create` generators against the real kubectl v1.32.4: the lines of
// testdata/create-generators-scenario.ts, run here through Kubeplay's kubectl on a headless cluster,
// must print what the real one printed (testdata/create-generators.json, recorded by
// testdata/record-create-generators.ts), byte for byte.

import { describeRecorded } from '../testdata/compare-recorded';
import { generatorsScenario } from '../testdata/create-generators-scenario';

describeRecorded('the older kubectl create generators print what kubectl v1.32.4 prints', generatorsScenario, new URL('../testdata/create-generators.json', import.meta.url));
