/** The credential every Affelios call authenticates with. */
export const CREDENTIAL_TYPE = 'affeliosApi';
