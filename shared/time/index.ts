// The post's clock: conversions between wall-clock times and instants, and their text in the app's language.
export * from './clock';
export * from './format';
