export {
  EntityFastapiChecklistCard,
  isFastapiChecklistAvailable,
} from './EntityFastapiChecklistCard';
