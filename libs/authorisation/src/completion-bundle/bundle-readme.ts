/** README.txt of the completion bundle: what it is and how to verify it, without the portal. */
export const BUNDLE_README = `MDR onboarding portal: completion bundle
=========================================

This file proves who authorised what before the MDR service started, without asking you to
trust the portal. manifest.json lists every file with its SHA-256 and is signed (Ed25519) by
the portal's key (manifest.sig.json); keys.json holds the public keys.

Verify it offline with Node.js 20 or later (no installation, no network):

    node verify.mjs <this-bundle>.zip [--statement <a statement you kept>]... [--keys <published keys>]

or open verify.html in a browser and choose this file. The verifier names every check and the
first that fails: a changed byte in any document, an audit record altered, removed, reordered
or inserted, a wrong signature, an unknown key, a checkpoint the chain does not extend.

The statements mailed to the customer's security lead are independent copies of checkpoints:
give them with --statement to prove that this chain extends what you were told at the time.

日本語: node verify.mjs でこのファイルを検証できます（ブラウザーでは verify.html を開きます）。
中文: 使用 node verify.mjs 验证此文件（或在浏览器中打开 verify.html）。
`;
