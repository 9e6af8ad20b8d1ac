import { reportSkipLog } from './browser-tests';

export default reportSkipLog;
