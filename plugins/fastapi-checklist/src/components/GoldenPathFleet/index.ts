export { GoldenPathFleet, DEFAULT_BULK_CONCURRENCY } from './GoldenPathFleet';
