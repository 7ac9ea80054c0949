/**
 * Tests of src/channels/sailthru_client.ts: the signature (delivery.md §2.2 worked values), the
 * exact form body, the Python client's success rule, the rate-limit headers, and real requests
 * against the stand-in.
 */
import assert from "node:assert/strict";
import {
  classifyFailure,
  createSailthruClient,
  parseRateLimit,
  parseSailthruBody,
  sailthruFormBody,
  sailthruSendJson,
  sailthruSignature,
} from "../../src/channels/sailthru_client.ts";
import { ACE_TEMPLATE, startFakeSailthru } from "../_support/fake_sailthru.ts";

const WORKED_JSON =
  '{"template":"Automated Communication Engine Email","email":"learner@example.com","vars":{"ace_template_from_name":"edX","ace_template_subject":"Keep learning"},"options":{}}';

Deno.test("sailthruSignature() reproduces the worked examples of delivery.md §2.2", () => {
  assert.equal(
    sailthruSignature("this is secret", ["1234567890", "json", WORKED_JSON]),
    "ca076f82b3ff2900193c03176d4bd67e",
  );
  const pythonStyle =
    '{"template": "Automated Communication Engine Email", "email": "learner@example.com", "vars": {"ace_template_from_name": "edX", "ace_template_subject": "Keep learning"}, "options": {}}';
  assert.equal(
    sailthruSignature("this is secret", ["1234567890", "json", pythonStyle]),
    "eda91b7fdbc2973bc99ce534861e3794",
  );
  assert.equal(
    sailthruSignature("abc", ["K", "json", '{"a":1}']),
    "1842191f31bac5415fbe1d339f1a2e1e",
  );
});

Deno.test("sailthruSignature() sorts the values, so their order does not matter", () => {
  assert.equal(
    sailthruSignature("abc", ['{"a":1}', "json", "K"]),
    "1842191f31bac5415fbe1d339f1a2e1e",
  );
});

Deno.test("sailthruSignature() hashes non-ASCII text as UTF-8 (values computed with Python hashlib)", () => {
  assert.equal(
    sailthruSignature("sécret", [
      "clé",
      "json",
      '{"subject":"Café ☕ 日本語"}',
    ]),
    "f04583e018ba6debd8d275beeee3bcec",
  );
  // Code point order (U+FF5E before U+1F600), as Python sorts; UTF-16 order would differ.
  assert.equal(
    sailthruSignature("s", ["\u{1F600}", "\uFF5E"]),
    "a7b4957cb13af85aecc868718ef657e6",
  );
});

Deno.test("sailthruFormBody() is byte for byte the worked POST body", () => {
  const json = sailthruSendJson({
    template: "Automated Communication Engine Email",
    email: "learner@example.com",
    vars: {
      ace_template_from_name: "edX",
      ace_template_subject: "Keep learning",
    },
    options: {},
  });
  assert.equal(json, WORKED_JSON);
  assert.equal(
    sailthruFormBody("1234567890", "this is secret", json),
    "api_key=1234567890&format=json&json=%7B%22template%22%3A%22Automated+Communication+Engine+Email%22%2C%22email%22%3A%22learner%40example.com%22%2C%22vars%22%3A%7B%22ace_template_from_name%22%3A%22edX%22%2C%22ace_template_subject%22%3A%22Keep+learning%22%7D%2C%22options%22%3A%7B%7D%7D&sig=ca076f82b3ff2900193c03176d4bd67e",
  );
});

Deno.test("parseSailthruBody() follows the Python client: JSON shape decides, not the status", () => {
  const error = parseSailthruBody(
    400,
    '{"errormsg":"Unknown template: invalid","error":14}',
    null,
  );
  assert.equal(error.kind, "error");
  assert.equal(error.kind === "error" && error.code, 14);
  assert.equal(
    parseSailthruBody(500, '{"send_id":"TT1ClGdj2bRHAAP6"}', null).kind,
    "ok",
  );
  // Extra keys besides error/errormsg make it a success, as `is_ok()` says.
  assert.equal(
    parseSailthruBody(200, '{"error":9,"errormsg":"x","send_id":"a"}', null)
      .kind,
    "ok",
  );
  const html = parseSailthruBody(502, "<html>Bad Gateway</html>", null);
  assert.deepEqual(
    html.kind === "error" && [html.code, html.status],
    [0, 502],
  );
  const array = parseSailthruBody(200, "[1]", null);
  assert.equal(array.kind === "error" && array.code, 0);
});

Deno.test("parseRateLimit() reads the three headers and needs Remaining and Reset", () => {
  assert.deepEqual(
    parseRateLimit(
      new Headers({
        "X-Rate-Limit-Limit": "40",
        "X-Rate-Limit-Remaining": "0",
        "X-Rate-Limit-Reset": "1772366460",
      }),
    ),
    { limit: 40, remaining: 0, reset: 1772366460 },
  );
  assert.equal(
    parseRateLimit(new Headers({ "X-Rate-Limit-Remaining": "3" })),
    null,
  );
  assert.equal(
    parseRateLimit(
      new Headers({
        "X-Rate-Limit-Remaining": "soon",
        "X-Rate-Limit-Reset": "1",
      }),
    ),
    null,
  );
});

Deno.test("createSailthruClient() send is accepted by the stand-in, which checks the signature over the received text", async () => {
  const fake = await startFakeSailthru();
  try {
    const client = createSailthruClient({
      apiUrl: fake.url + "/",
      apiKey: fake.apiKey,
      apiSecret: fake.apiSecret,
    });
    const request = {
      template: ACE_TEMPLATE,
      email: "élève@example.com",
      vars: { ace_template_subject: 'Continuez — 日本語 ☕ "quoted" & more' },
      options: { behalf_email: "news@example.com" },
    };
    const response = await client.send(request);
    assert.equal(response.kind, "ok");
    assert.equal(response.kind === "ok" && response.rateLimit?.limit, 1000);
    assert.equal(fake.sends.length, 1);
    assert.equal(fake.sends[0]!.json, sailthruSendJson(request));
    assert.deepEqual(fake.sends[0]!.vars, request.vars);
  } finally {
    await fake.close();
  }
});

Deno.test("createSailthruClient() send gets error 5 from the stand-in with a wrong secret, and 3 with a wrong key", async () => {
  const fake = await startFakeSailthru();
  try {
    const request = {
      template: ACE_TEMPLATE,
      email: "a@example.com",
      vars: {},
      options: {},
    };
    const badSecret = createSailthruClient({
      apiUrl: fake.url,
      apiKey: fake.apiKey,
      apiSecret: "wrong",
    });
    const r1 = await badSecret.send(request);
    assert.deepEqual(r1.kind === "error" && [r1.code, r1.status], [5, 401]);
    const badKey = createSailthruClient({
      apiUrl: fake.url,
      apiKey: "nope",
      apiSecret: fake.apiSecret,
    });
    const r2 = await badKey.send(request);
    assert.equal(r2.kind === "error" && r2.code, 3);
    assert.equal(fake.sends.length, 0);
  } finally {
    await fake.close();
  }
});

Deno.test("createSailthruClient() send hides the key and secret when an error message echoes them", async () => {
  const stub: typeof fetch = () =>
    Promise.resolve(
      Response.json({
        error: 3,
        errormsg: "Invalid API key: KEY-123 (secret SEC-456)",
      }, {
        status: 401,
      }),
    );
  const client = createSailthruClient({
    apiUrl: "http://127.0.0.1:9",
    apiKey: "KEY-123",
    apiSecret: "SEC-456",
    fetch: stub,
  });
  const response = await client.send({
    template: "t",
    email: "a@b.co",
    vars: {},
    options: {},
  });
  const text = JSON.stringify(response);
  assert.equal(response.kind === "error" && response.code, 3);
  assert.ok(!text.includes("KEY-123") && !text.includes("SEC-456"), text);
});

Deno.test("createSailthruClient() send tells a refused connection from a timeout and a dropped one", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closedPort = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const request = {
    template: ACE_TEMPLATE,
    email: "a@example.com",
    vars: {},
    options: {},
  };
  const refused = createSailthruClient({
    apiUrl: `http://127.0.0.1:${closedPort}`,
    apiKey: "k",
    apiSecret: "s",
  });
  assert.deepEqual(await refused.send(request), {
    kind: "transport",
    failure: "refused",
  });
  const fake = await startFakeSailthru();
  try {
    fake.script({ kind: "hang", record: false }, {
      kind: "reset",
      record: true,
    });
    const client = createSailthruClient({
      apiUrl: fake.url,
      apiKey: fake.apiKey,
      apiSecret: fake.apiSecret,
      timeoutMs: 200,
    });
    assert.deepEqual(await client.send(request), {
      kind: "transport",
      failure: "timeout",
    });
    assert.deepEqual(await client.send(request), {
      kind: "transport",
      failure: "dropped",
    });
    assert.equal(fake.sends.length, 1);
  } finally {
    await fake.close();
  }
});

Deno.test("classifyFailure() calls only connect errors refused", () => {
  const connect = new TypeError("fetch failed", {
    cause: new Error(
      "error sending request: client error (Connect): tcp connect error: Connection refused (os error 111)",
    ),
  });
  assert.equal(classifyFailure(connect, false), "refused");
  assert.equal(classifyFailure(connect, true), "timeout");
  assert.equal(
    classifyFailure(
      new TypeError("error reading a body from connection"),
      false,
    ),
    "dropped",
  );
});
