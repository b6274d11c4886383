// Inter-coder agreement: the public face of src/main/agreement (pure functions over coders' placed passages).
export * from './intervals';
export * from './stats';
export * from './coding';
export * from './segments';
export * from './report';
export * from './disagreements';
export * from './adjudicate';
