export { InheritancePanel } from './InheritancePanel';
export { PersonsPanel } from './PersonsPanel';
export { InteractionsPanel } from './InteractionsPanel';
