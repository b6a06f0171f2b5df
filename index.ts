export { OmaPostiPro } from './nodes/OmaPostiPro/OmaPostiPro.node';
export { OmaPostiProApi } from './credentials/OmaPostiProApi.credentials';
export { Procountor } from './nodes/Procountor/Procountor.node';
export { ProcountorApi } from './credentials/ProcountorApi.credentials';
export { ProcountorTrigger } from './nodes/Procountor/ProcountorTrigger.node';
export { Tripletex } from './nodes/Tripletex/Tripletex.node';
export { TripletexApi } from './credentials/TripletexApi.credentials';
