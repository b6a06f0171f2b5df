export { OmaPostiPro } from './nodes/OmaPostiPro/OmaPostiPro.node';
export { OmaPostiProApi } from './credentials/OmaPostiProApi.credentials';
export { OmaPostiProTrigger } from './nodes/OmaPostiPro/OmaPostiProTrigger.node';
export { PostiTrackingApi } from './credentials/PostiTrackingApi.credentials';
export { Procountor } from './nodes/Procountor/Procountor.node';
export { ProcountorApi } from './credentials/ProcountorApi.credentials';
export { Tripletex } from './nodes/Tripletex/Tripletex.node';
export { TripletexApi } from './credentials/TripletexApi.credentials';
