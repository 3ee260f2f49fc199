// The same public session as the session page: the presenter view shows only public results.
export { load } from '../+page';
