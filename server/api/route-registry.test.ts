import { describe, expect, it } from "vitest";
import { matchRoute } from "./route-registry";

describe("the route registry", () => {
  it("matches literal segments before parameters, and decodes parameters", () => {
    const byEmail = matchRoute("GET", "/customers/by-email/Ada%40Example.test");
    expect(byEmail.route?.operationId).toBe("getCustomerByEmail");
    expect(byEmail.route ? byEmail.params : null).toEqual({ email: "Ada@Example.test" });
    expect(matchRoute("GET", "/customers/abc").route?.operationId).toBe("getCustomer");
    expect(matchRoute("POST", "/customers").route?.operationId).toBe("upsertCustomer");
  });

  it("tells an unknown path (nothing allowed) from a known one asked with another method", () => {
    expect(matchRoute("GET", "/nothing")).toEqual({ route: null, allowed: [] });
    expect(matchRoute("DELETE", "/customers/abc")).toEqual({ route: null, allowed: ["GET"] });
    expect(matchRoute("GET", "/customers/%E0%A4%A")).toEqual({ route: null, allowed: [] });
  });
});
