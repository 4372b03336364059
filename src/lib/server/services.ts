export { services } from '$server/services.ts';
