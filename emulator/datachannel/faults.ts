export interface DataChannelFaults {
  seed?: number;
}
