export { NordicCommerceRedisApi } from './credentials/NordicCommerceRedisApi.credentials';
export { OmaPostiPro } from './nodes/OmaPostiPro/OmaPostiPro.node';
export { OmaPostiProApi } from './credentials/OmaPostiProApi.credentials';
export { Procountor } from './nodes/Procountor/Procountor.node';
export { ProcountorApi } from './credentials/ProcountorApi.credentials';
export { Tripletex } from './nodes/Tripletex/Tripletex.node';
export { TripletexTrigger } from './nodes/Tripletex/TripletexTrigger.node';
export { TripletexApi } from './credentials/TripletexApi.credentials';
