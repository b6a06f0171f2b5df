export { Tripletex } from './nodes/Tripletex/Tripletex.node';
export { TripletexApi } from './credentials/TripletexApi.credentials';
