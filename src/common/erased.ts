/** What stands in for an erased value, wherever erasure (a request, or a retention sweep) leaves a field in place. */
export const ERASED = '[erased]';
