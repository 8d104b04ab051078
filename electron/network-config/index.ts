// HQ's network configuration (issue 13, item 4; docs/network-config.md): what other features read.
//   currentNetworkConfig(db)  the configuration in force (post: the newest applied; HQ: the newest published), or
//                             null: `retention` for the retention rules, `objectives` for the dashboards,
//                             `minimumLevel` for exports, `calendar` for the reporting periods.
//   exportsDue(db, ...)       the reporting periods whose export is due and not yet made (Needs attention).
//   meetsMinimumLevel(...)    whether an export level meets the configuration's minimum.
export { currentNetworkConfig, exportsDue, type ExportDue } from './store';
export { meetsMinimumLevel } from './service';
