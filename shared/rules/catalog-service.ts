/** A service of the catalog (processing's `services`), as the terminal and its screens read it. */
/** One input or display of a service, as the catalog (processing's `services`) describes it. */
export interface CatalogField {
  name: string;
  required: boolean;
  title: string;
  /** The service's regexp for this input (run in linear time, never by the JS engine), or none. */
  regexp: string | null;
}

export interface CatalogService {
  serviceId: string;
  /** 0 plain, 1 with a check that tells the amount or contracts, 2 international. */
  type: 0 | 1 | 2;
  name: string;
  group: string;
  fixedPayment: boolean;
  country: string;
  inputs: CatalogField[];
  displays: CatalogField[];
}
