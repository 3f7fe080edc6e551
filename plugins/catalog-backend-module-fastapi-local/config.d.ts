export interface Config {
  fastapiGoldenPath?: {
    local?: {
      /** How often the catalog looks for new or removed local repositories. */
      scanInterval?: { seconds?: number; minutes?: number };
    };
  };
}
