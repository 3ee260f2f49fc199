// What a page outside the app's own layout needs to say where it comes from (the embeds).
export interface SiteDto {
  /** The town, as TOWN_NAME sets it: "Náměstí — Město Lhota". */
  townName: string;
}
