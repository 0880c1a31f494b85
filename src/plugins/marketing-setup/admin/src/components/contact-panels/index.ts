export { InheritancePanel } from './InheritancePanel';
export { PersonsPanel } from './PersonsPanel';
