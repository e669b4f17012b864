// The AWS SDK's EC2 and SSM packages, loaded when first used. Each costs a noticeable share of a
// start-up (EC2's alone is about a second of CPU on a small machine), and most `fumidai`
// commands and the window's first paint need neither, so they are not imported up front.
type Ec2Sdk = typeof import('@aws-sdk/client-ec2');
type SsmSdk = typeof import('@aws-sdk/client-ssm');

let ec2: Promise<Ec2Sdk> | undefined;
let ssm: Promise<SsmSdk> | undefined;

export const ec2Sdk = (): Promise<Ec2Sdk> => (ec2 ??= import('@aws-sdk/client-ec2'));
export const ssmSdk = (): Promise<SsmSdk> => (ssm ??= import('@aws-sdk/client-ssm'));

/** Runs `create` once, on first use, and hands every caller the same result. */
export function lazily<T>(create: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= create());
}
