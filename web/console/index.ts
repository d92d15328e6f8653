// The console's entry point: defines <parley-console> and everything it renders.
import './parley-console';
