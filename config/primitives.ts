/** Small zod types shared by every config section, each with a message that says what to write instead. */
import { z } from "zod";
import { isHostname } from "../rules/hostnames";

export const hostname = z.string().refine((v) => isHostname(v) && v === v.toLowerCase(), {
  message: "must be a lower-case hostname such as example.com",
});

/** A DNS label under a zone (`app`; `bounce.mail` for a DNS-only name), or `@` for the apex. */
export const hostLabel = z.string().regex(/^(@|(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*)$/, {
  message: "must be @ (the apex) or a lower-case DNS label such as app",
});

export const httpsUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return u.protocol === "https:" && isHostname(u.hostname) && !u.hash;
  } catch {
    return false;
  }
}, { message: "must be an absolute https:// URL such as https://app.example.com/login" });

/** A URL path beginning with `/`, without query or fragment. */
export const urlPath = z.string().regex(/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/, {
  message: "must be a path beginning with / (no query string), such as /login",
});

export const email = z.email({ message: "must be an email address such as ops@example.com" });
