/** The JSON values the document is made of: plain data, serialisable as it is. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export const ref = (pointer: string): JsonObject => ({ $ref: pointer });

/** `inventory` → `Inventory`, `order-fulfilment` → `OrderFulfilment`: for ids built from names. */
export function pascal(name: string): string {
  return name
    .split(/[-_.]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
