"""Tests for the deployment: the template says what deploy/headers.json says, and
deploy.py stores every file of a release build with the right type and caching in
S3 and invalidates index.html — against moto's S3 + CloudFront emulator on 127.0.0.1.

    .tools/venv/bin/python deploy/test_deploy.py   (after scripts/release.sh)
"""

from __future__ import annotations

import gzip
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import deploy  # noqa: E402

DIST = Path(os.environ.get("QF_DIST", ROOT / "dist"))
TEMPLATE = HERE / "quasar-fire.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TemplateMatchesHeaders(unittest.TestCase):
    """The CloudFront response headers policy and headers.json must not drift apart."""

    @classmethod
    def setUpClass(cls):
        from cfnlint.decode import decode

        template, matches = decode(str(TEMPLATE))
        assert not matches, matches
        cls.resources = template["Resources"]

    def test_security_headers_are_the_same(self):
        config = self.resources["SecurityHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
        sec = config["SecurityHeadersConfig"]
        want = deploy.HEADERS["security"]
        self.assertEqual(sec["ContentSecurityPolicy"]["ContentSecurityPolicy"], want["Content-Security-Policy"])
        hsts = sec["StrictTransportSecurity"]
        expected_hsts = f"max-age={hsts['AccessControlMaxAgeSec']}" + (
            "; includeSubDomains" if hsts.get("IncludeSubdomains") else ""
        )
        self.assertEqual(expected_hsts, want["Strict-Transport-Security"])
        self.assertEqual(sec["ReferrerPolicy"]["ReferrerPolicy"], want["Referrer-Policy"])
        self.assertEqual(sec["FrameOptions"]["FrameOption"], want["X-Frame-Options"])
        self.assertTrue(sec["ContentTypeOptions"]["Override"])
        self.assertEqual(want["X-Content-Type-Options"], "nosniff")
        custom = {i["Header"]: i["Value"] for i in config["CustomHeadersConfig"]["Items"]}
        self.assertEqual(custom["Permissions-Policy"], want["Permissions-Policy"])
        self.assertEqual(custom["Cross-Origin-Opener-Policy"], want["Cross-Origin-Opener-Policy"])

    def test_csp_is_strict(self):
        csp = deploy.HEADERS["security"]["Content-Security-Policy"]
        self.assertNotIn("unsafe-inline", csp)
        for directive in [
            "default-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]:
            self.assertIn(directive, csp)

    def test_hashed_assets_are_cached_for_a_year(self):
        for name in ["HashedAssetsCachePolicy"]:
            config = self.resources[name]["Properties"]["CachePolicyConfig"]
            self.assertEqual(config["DefaultTTL"], 31536000)
        pages = self.resources["PageCachePolicy"]["Properties"]["CachePolicyConfig"]
        self.assertEqual(pages["MinTTL"], 0)
        dist = self.resources["Distribution"]["Properties"]["DistributionConfig"]
        self.assertEqual(dist["DefaultRootObject"], "index.html")
        self.assertEqual(dist["HttpVersion"], "http2and3")
        behaviours = [dist["DefaultCacheBehavior"], *dist["CacheBehaviors"]]
        for b in behaviours:
            self.assertEqual(b["ViewerProtocolPolicy"], "redirect-to-https")
            self.assertTrue(b["Compress"])
        self.assertEqual(
            sorted(b["PathPattern"] for b in dist["CacheBehaviors"]), ["*.css", "*.js", "*.wasm"]
        )

    def test_wasm_requests_go_through_the_encoding_function(self):
        function = self.resources["WasmEncodingFunction"]["Properties"]
        self.assertEqual(function["FunctionConfig"]["Runtime"], "cloudfront-js-2.0")
        self.assertTrue(function["AutoPublish"])
        source = (HERE / "wasm-encoding.js").read_text()
        self.assertEqual(function["FunctionCode"].strip(), source.strip())
        dist = self.resources["Distribution"]["Properties"]["DistributionConfig"]
        wasm = next(b for b in dist["CacheBehaviors"] if b["PathPattern"] == "*.wasm")
        (association,) = wasm["FunctionAssociations"]
        self.assertEqual(association["EventType"], "viewer-request")
        self.assertEqual(
            association["FunctionARN"]["Fn::GetAtt"],
            ["WasmEncodingFunction", "FunctionMetadata.FunctionARN"],
        )

    def test_bucket_is_private_encrypted_and_versioned(self):
        props = self.resources["SiteBucket"]["Properties"]
        self.assertTrue(all(props["PublicAccessBlockConfiguration"].values()))
        self.assertEqual(props["VersioningConfiguration"]["Status"], "Enabled")
        self.assertIn("ServerSideEncryptionConfiguration", props["BucketEncryption"])


class ObjectHeaders(unittest.TestCase):
    def test_rules(self):
        cases = {
            "index.html": ("text/html; charset=utf-8", "no-cache"),
            "quasar-fire-7ace7c4c34dda309_bg.wasm": ("application/wasm", "public, max-age=31536000, immutable"),
            "quasar-fire-7ace7c4c34dda309.js": ("text/javascript; charset=utf-8", "public, max-age=31536000, immutable"),
            "loader-4830e97ab9841516.js": ("text/javascript; charset=utf-8", "public, max-age=31536000, immutable"),
            "main-b57f7549924fb428.css": ("text/css; charset=utf-8", "public, max-age=31536000, immutable"),
            "public/favicon.svg": ("image/svg+xml", "public, max-age=86400"),
            "notes.bin": ("application/octet-stream", "public, max-age=86400"),
            "quasar-fire-7ace7c4c34dda309_bg.wasm.br": ("application/wasm", "public, max-age=31536000, immutable"),
            "quasar-fire-7ace7c4c34dda309_bg.wasm.gz": ("application/wasm", "public, max-age=31536000, immutable"),
            "notes.gz": ("application/octet-stream", "public, max-age=86400"),
        }
        for key, want in cases.items():
            self.assertEqual(deploy.object_headers(key), want, key)
        encodings = {
            "quasar-fire-7ace7c4c34dda309_bg.wasm.br": "br",
            "quasar-fire-7ace7c4c34dda309_bg.wasm.gz": "gzip",
            "quasar-fire-7ace7c4c34dda309_bg.wasm": None,
            "notes.gz": None,
            "index.html": None,
        }
        for key, want in encodings.items():
            self.assertEqual(deploy.content_encoding(key), want, key)

    def test_a_build_without_the_compressed_wasm_is_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            dist = Path(tmp)
            (dist / "index.html").write_text("<!doctype html>")
            (dist / "app-0123456789abcdef_bg.wasm").write_bytes(b"\0asm")
            (dist / "app-0123456789abcdef_bg.wasm.br").write_bytes(b"x")
            with self.assertRaises(SystemExit) as refused:
                deploy.plan(dist)
            self.assertIn("app-0123456789abcdef_bg.wasm.gz not found", str(refused.exception))
            (dist / "app-0123456789abcdef_bg.wasm.gz").write_bytes(b"x")
            self.assertEqual([u.key for u in deploy.plan(dist)][-1], "index.html")


class DeployToEmulator(unittest.TestCase):
    """deploy.py against moto_server: what lands in the bucket, in what order."""

    @classmethod
    def setUpClass(cls):
        if not (DIST / "index.html").is_file():
            raise AssertionError(f"no release build in {DIST}: run scripts/release.sh first")
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        port = free_port()
        cls.endpoint = f"http://127.0.0.1:{port}"
        server = Path(sys.executable).parent / "moto_server"
        cls.moto = subprocess.Popen(
            [str(server), "-H", "127.0.0.1", "-p", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(cls.endpoint + "/moto-api/", timeout=1)
                break
            except OSError:
                if time.time() > deadline or cls.moto.poll() is not None:
                    cls.moto.kill()
                    raise
                time.sleep(0.2)
        import boto3

        cls.s3 = boto3.client("s3", endpoint_url=cls.endpoint)
        cls.cloudfront = boto3.client("cloudfront", endpoint_url=cls.endpoint)
        cls.s3.create_bucket(Bucket="quasar-fire-site")
        created = cls.cloudfront.create_distribution(
            DistributionConfig={
                "CallerReference": "test",
                "Comment": "Quasar Fire test",
                "Enabled": True,
                "DefaultRootObject": "index.html",
                "Origins": {
                    "Quantity": 1,
                    "Items": [
                        {
                            "Id": "site",
                            "DomainName": "quasar-fire-site.s3.us-east-1.amazonaws.com",
                            "S3OriginConfig": {"OriginAccessIdentity": ""},
                        }
                    ],
                },
                "DefaultCacheBehavior": {
                    "TargetOriginId": "site",
                    "ViewerProtocolPolicy": "redirect-to-https",
                    "MinTTL": 0,
                    "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                    "TrustedSigners": {"Enabled": False, "Quantity": 0},
                },
            }
        )
        cls.distribution_id = created["Distribution"]["Id"]
        logged: list[str] = []
        cls.uploads = deploy.deploy(
            DIST,
            "quasar-fire-site",
            cls.distribution_id,
            endpoint_url=cls.endpoint,
            log=logged.append,
        )

    @classmethod
    def tearDownClass(cls):
        cls.moto.terminate()
        cls.moto.wait(timeout=10)

    def test_every_file_is_uploaded_with_its_type_and_caching(self):
        files = sorted(p.relative_to(DIST).as_posix() for p in DIST.rglob("*") if p.is_file())
        listed = self.s3.list_objects_v2(Bucket="quasar-fire-site")["Contents"]
        self.assertEqual(sorted(o["Key"] for o in listed), files)
        seen_types = set()
        for key in files:
            head = self.s3.head_object(Bucket="quasar-fire-site", Key=key)
            want_type, want_cache = deploy.object_headers(key)
            self.assertEqual(head["ContentType"], want_type, key)
            self.assertEqual(head["CacheControl"], want_cache, key)
            self.assertEqual(head["ContentLength"], (DIST / key).stat().st_size, key)
            seen_types.add(head["ContentType"])
            self.assertEqual(head.get("ContentEncoding"), deploy.content_encoding(key), key)
            if ".wasm" in key:
                self.assertEqual(head["ContentType"], "application/wasm")
                self.assertIn("immutable", head["CacheControl"])
        self.assertIn("text/html; charset=utf-8", seen_types)
        index = self.s3.head_object(Bucket="quasar-fire-site", Key="index.html")
        self.assertEqual(index["CacheControl"], "no-cache")

    def test_the_compressed_wasm_decodes_to_the_build(self):
        wasm = [k for k in (u.key for u in self.uploads) if k.endswith(".wasm")]
        self.assertEqual(len(wasm), 1)
        plain = (DIST / wasm[0]).read_bytes()
        stored = self.s3.get_object(Bucket="quasar-fire-site", Key=wasm[0] + ".gz")
        self.assertEqual(stored["ContentEncoding"], "gzip")
        self.assertEqual(gzip.decompress(stored["Body"].read()), plain)
        br = self.s3.head_object(Bucket="quasar-fire-site", Key=wasm[0] + ".br")
        self.assertEqual(br["ContentEncoding"], "br")
        self.assertLess(br["ContentLength"], len(plain) // 2)

    def test_index_goes_up_last(self):
        self.assertEqual(self.uploads[-1].key, "index.html")
        self.assertTrue(all(u.key != "index.html" for u in self.uploads[:-1]))

    def test_index_is_invalidated(self):
        listed = self.cloudfront.list_invalidations(DistributionId=self.distribution_id)
        items = listed["InvalidationList"].get("Items", [])
        self.assertEqual(len(items), 1)
        batch = self.cloudfront.get_invalidation(DistributionId=self.distribution_id, Id=items[0]["Id"])
        paths = batch["Invalidation"]["InvalidationBatch"]["Paths"]["Items"]
        self.assertIn("/index.html", paths)


if __name__ == "__main__":
    unittest.main()
