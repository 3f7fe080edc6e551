export { FleetFixes } from './FleetFixes';
