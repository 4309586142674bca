/** One operation of the API's OpenAPI document, with a concrete path to call. */
export interface OpenApiOperation {
  method: string;
  /** As documented, e.g. /api/jobs/{id}/rerun. */
  template: string;
  /** With each {param} replaced by `fill(param, template)`. */
  path: string;
  operationId?: string;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId?: string }>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

/** Every operation the API documents (fetched from /docs-json, as Swagger UI reads it). */
export async function openApiOperations(baseUrl: string, fill: (param: string, template: string) => string): Promise<OpenApiOperation[]> {
  const response = await fetch(`${baseUrl}/docs-json`);
  if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
  const document = (await response.json()) as OpenApiDocument;
  return Object.entries(document.paths).flatMap(([template, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        path: template.replace(/\{([^}]+)\}/g, (_match, param: string) => encodeURIComponent(fill(param, template))),
        operationId: operation.operationId,
      })),
  );
}

export const isUnsafe = (operation: OpenApiOperation): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(operation.method);
