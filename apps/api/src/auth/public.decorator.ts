// Kept here so API code imports its auth decorators from one place; defined in the platform
// because the worker's health endpoint uses it too.
export { IS_PUBLIC, Public } from '@app/platform';
