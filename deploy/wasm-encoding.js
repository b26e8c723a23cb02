// CloudFront Function (cloudfront-js-2.0, viewer request) on the *.wasm behaviour.
// deploy.py stores each .wasm three ways: as is, name.wasm.br (brotli 11) and
// name.wasm.gz (gzip -9), the last two with their Content-Encoding. This picks the
// smallest one the browser accepts, so the WebAssembly travels compressed at the best
// level whatever CloudFront's own list of compressible types says. The rewritten URI
// is the cache key, so each encoding is cached apart. e2e/server.mjs runs this same
// file; deploy/test_deploy.py checks the template carries it verbatim.
function handler(event) {
  var request = event.request;
  if (!/\.wasm$/.test(request.uri)) return request;
  var header = request.headers['accept-encoding'];
  var q = {};
  if (header) {
    header.value.split(',').forEach(function (part) {
      var fields = part.split(';');
      var name = fields[0].trim().toLowerCase();
      var weight = 1;
      for (var i = 1; i < fields.length; i++) {
        var param = fields[i].trim().toLowerCase();
        if (param.indexOf('q=') === 0) weight = parseFloat(param.slice(2));
      }
      if (name) q[name] = isNaN(weight) ? 0 : weight;
    });
  }
  var accepted = function (name) {
    var weight = name in q ? q[name] : '*' in q ? q['*'] : 0;
    return weight > 0;
  };
  if (accepted('br')) request.uri += '.br';
  else if (accepted('gzip')) request.uri += '.gz';
  return request;
}
