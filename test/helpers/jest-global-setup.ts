import { startSkipLog } from './browser-tests';

export default startSkipLog;
