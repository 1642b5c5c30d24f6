// WebAssembly SIMD kernels of the Trendformer model: fused causal multi-head attention (forward
// and backward), an inference LayerNorm and dropout masks.
//
// Source of wasm_kernels.wasm beside it. Rebuild it (and its stamp: the binary carries the
// SHA-256 of this file, which tests/model_wasm_build_test.ts checks) from the repository root with
//
//   deno task build-wasm
//
// which runs clang --target=wasm32 -O3 -msimd128 (flags in lib/model/wasm_build.ts; Debian:
// apt-get install clang lld).
//
// Why: tfjs-backend-wasm runs batched matMuls ([B·H, T, hd] × [B·H, hd, T]) on a scalar loop at
// ~2-3 GFLOP/s, plus separate slice, transpose, mask, softmax and transpose-back kernels. These
// two functions do the whole attention of one layer on the fused qkv activations, skip the
// masked upper triangle, and use 4-wide SIMD.
//
// Layouts (row-major float32):
//   qkv   [B, T, 3d]  q in columns [0, d), k in [d, 2d), v in [2d, 3d); head h uses columns
//                     h·hd … h·hd+hd−1 of each part (d = H·hd)
//   ctx   [B, R, d]   R = T − q0 query rows (q0 = T − 1 reads the last step only)
//   probs [B, H, R, T] softmax(scale · q·kᵀ) with the causal mask: exactly 0 for j > i
//   dctx  [B, T, d], dqkv [B, T, 3d] (backward, always all rows)

#include <wasm_simd128.h>

#define MAXT 512
#define MAXHD 128

static float KT[MAXHD * MAXT] __attribute__((aligned(16)));  // a head's kᵀ or vᵀ, [hd, Tp]
static float ROW[MAXT + 4] __attribute__((aligned(16)));      // one row of scores / dP
static float DK[MAXT * MAXHD] __attribute__((aligned(16)));   // dk accumulator, [T, hd]
static float DV[MAXT * MAXHD] __attribute__((aligned(16)));   // dv accumulator, [T, hd]

// exp(x) for 4 lanes, x ≤ 0 here: Cephes' expf polynomial after reduction by ln 2, with the
// round-to-nearest and the 2^n built by the 1.5·2^23 "magic number" trick (no float→int
// conversion, which is slow in wasm on x86). Relative error ~2e-7 for x in [-87, 0].
static inline v128_t exp4(v128_t x) {
  const v128_t magic = wasm_f32x4_splat(12582912.0f);  // 1.5 · 2^23
  x = wasm_f32x4_max(x, wasm_f32x4_splat(-87.0f));
  v128_t t = wasm_f32x4_add(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)), magic);
  v128_t n = wasm_f32x4_sub(t, magic);  // round(x / ln 2)
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t p = wasm_f32x4_splat(1.9875691500e-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.3981999507e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(8.3334519073e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(4.1665795894e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.6666665459e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(5.0000001201e-1f));
  p = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, r), r), r),
                     wasm_f32x4_splat(1.0f));
  // the low mantissa bits of t hold n (two's complement); 2^n = (n + 127) << 23
  v128_t e = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_sub(t, magic), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(p, e);
}

// Copies a head's column block [T, hd] (row stride `stride`) to KT as [hd, Tp], zero-padded.
static inline void transpose_head(const float* src, int stride, int T, int Tp, int hd) {
  for (int j = 0; j < T; j++) {
    const float* s = src + j * stride;
    for (int c = 0; c < hd; c++) KT[c * Tp + j] = s[c];
  }
  for (int c = 0; c < hd; c++)
    for (int j = T; j < Tp; j++) KT[c * Tp + j] = 0.0f;
}

// ROW[4·jv …] = scale · Σ_c a[c] · KT[c, 4·jv …] for jv < n4 (two vectors of j per pass).
static inline __attribute__((always_inline)) void row_times_kt(const float* a, float scale,
                                                               int n4, int Tp, int hd) {
  v128_t as[MAXHD];
  for (int c = 0; c < hd; c++) as[c] = wasm_f32x4_splat(a[c] * scale);
  int jv = 0;
  for (; jv + 1 < n4; jv += 2) {
    v128_t acc0 = wasm_f32x4_splat(0.0f), acc1 = wasm_f32x4_splat(0.0f);
    for (int c = 0; c < hd; c++) {
      const float* kt = KT + c * Tp + 4 * jv;
      acc0 = wasm_f32x4_add(acc0, wasm_f32x4_mul(as[c], wasm_v128_load(kt)));
      acc1 = wasm_f32x4_add(acc1, wasm_f32x4_mul(as[c], wasm_v128_load(kt + 4)));
    }
    wasm_v128_store(ROW + 4 * jv, acc0);
    wasm_v128_store(ROW + 4 * jv + 4, acc1);
  }
  if (jv < n4) {
    v128_t acc = wasm_f32x4_splat(0.0f);
    for (int c = 0; c < hd; c++) {
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(as[c], wasm_v128_load(KT + c * Tp + 4 * jv)));
    }
    wasm_v128_store(ROW + 4 * jv, acc);
  }
}

static inline __attribute__((always_inline)) void forward_impl(
    const float* qkv, float* ctx, float* probs, int B, int T, int H, int hd, int q0,
    float scale) {
  const int d = H * hd, d3 = 3 * d, Tp = (T + 3) & ~3, R = T - q0;
  for (int b = 0; b < B; b++) {
    const float* base = qkv + b * T * d3;
    for (int h = 0; h < H; h++) {
      transpose_head(base + d + h * hd, d3, T, Tp, hd);
      const float* v = base + 2 * d + h * hd;
      for (int i = q0; i < T; i++) {
        const int n = i + 1, n4 = (n + 3) >> 2;
        row_times_kt(base + i * d3 + h * hd, scale, n4, Tp, hd);  // scores
        for (int j = n; j < 4 * n4; j++) ROW[j] = -1e30f;  // masked lanes → exp = 0
        v128_t mx = wasm_v128_load(ROW);
        for (int jv = 1; jv < n4; jv++) mx = wasm_f32x4_max(mx, wasm_v128_load(ROW + 4 * jv));
        mx = wasm_f32x4_max(mx, wasm_i32x4_shuffle(mx, mx, 2, 3, 0, 1));
        mx = wasm_f32x4_max(mx, wasm_i32x4_shuffle(mx, mx, 1, 0, 3, 2));  // all lanes = row max
        v128_t sum = wasm_f32x4_splat(0.0f), mv = mx;
        for (int jv = 0; jv < n4; jv++) {
          v128_t e = exp4(wasm_f32x4_sub(wasm_v128_load(ROW + 4 * jv), mv));
          if (4 * jv + 4 > n) {  // zero the lanes past the diagonal exactly
            const int keep = n - 4 * jv;
            e = wasm_v128_and(e, wasm_i32x4_gt(wasm_i32x4_splat(keep), wasm_i32x4_make(0, 1, 2, 3)));
          }
          wasm_v128_store(ROW + 4 * jv, e);
          sum = wasm_f32x4_add(sum, e);
        }
        const float inv = 1.0f / (wasm_f32x4_extract_lane(sum, 0) + wasm_f32x4_extract_lane(sum, 1) +
                                  wasm_f32x4_extract_lane(sum, 2) + wasm_f32x4_extract_lane(sum, 3));
        const v128_t iv = wasm_f32x4_splat(inv);
        for (int jv = 0; jv < n4; jv++) {
          wasm_v128_store(ROW + 4 * jv, wasm_f32x4_mul(wasm_v128_load(ROW + 4 * jv), iv));
        }
        if (probs) {
          float* p = probs + ((b * H + h) * R + (i - q0)) * T;
          for (int j = 0; j < n; j++) p[j] = ROW[j];
          for (int j = n; j < T; j++) p[j] = 0.0f;
        }
        // ctx[i] = Σ_j p[j] · v[j], all hd/4 accumulators live across j
        v128_t acc[MAXHD / 4];
        for (int c = 0; c < hd / 4; c++) acc[c] = wasm_f32x4_splat(0.0f);
        for (int j = 0; j < n; j++) {
          const v128_t pj = wasm_f32x4_splat(ROW[j]);
          const float* vj = v + j * d3;
          for (int c = 0; c < hd / 4; c++) {
            acc[c] = wasm_f32x4_add(acc[c], wasm_f32x4_mul(pj, wasm_v128_load(vj + 4 * c)));
          }
        }
        float* out = ctx + (b * R + (i - q0)) * d + h * hd;
        for (int c = 0; c < hd / 4; c++) wasm_v128_store(out + 4 * c, acc[c]);
      }
    }
  }
}

// Forward: ctx and probs from qkv (see the layouts above); probs = 0 skips writing them.
// hd must be a multiple of 4, T ≤ 512, hd ≤ 128.
void attn_forward(const float* qkv, float* ctx, float* probs, int B, int T, int H, int hd, int q0,
                  float scale) {
  if (hd == 16) forward_impl(qkv, ctx, probs, B, T, H, 16, q0, scale);
  else if (hd == 8) forward_impl(qkv, ctx, probs, B, T, H, 8, q0, scale);
  else forward_impl(qkv, ctx, probs, B, T, H, hd, q0, scale);
}

static inline __attribute__((always_inline)) void backward_impl(
    const float* qkv, const float* probs, const float* dctx, float* dqkv, int B, int T, int H,
    int hd, float scale) {
  const int d = H * hd, d3 = 3 * d, Tp = (T + 3) & ~3;
  for (int b = 0; b < B; b++) {
    const float* base = qkv + b * T * d3;
    float* dbase = dqkv + b * T * d3;
    for (int h = 0; h < H; h++) {
      const float* k = base + d + h * hd;
      const float* q = base + h * hd;
      transpose_head(base + 2 * d + h * hd, d3, T, Tp, hd);  // vᵀ
      for (int x = 0; x < T * hd; x++) DK[x] = DV[x] = 0.0f;
      for (int i = 0; i < T; i++) {
        const int n = i + 1, n4 = (n + 3) >> 2;
        const float* p = probs + ((b * H + h) * T + i) * T;
        const float* g = dctx + (b * T + i) * d + h * hd;
        row_times_kt(g, 1.0f, n4, Tp, hd);  // ROW = dP[i, ·] = g · vᵀ
        float dot = 0.0f;
        for (int j = 0; j < n; j++) dot += p[j] * ROW[j];
        for (int j = 0; j < n; j++) ROW[j] = p[j] * (ROW[j] - dot) * scale;  // dS · scale
        v128_t qi[MAXHD / 4], gi[MAXHD / 4], dq[MAXHD / 4];
        for (int c = 0; c < hd / 4; c++) {
          qi[c] = wasm_v128_load(q + i * d3 + 4 * c);
          gi[c] = wasm_v128_load(g + 4 * c);
          dq[c] = wasm_f32x4_splat(0.0f);
        }
        for (int j = 0; j < n; j++) {
          const v128_t ds = wasm_f32x4_splat(ROW[j]), pj = wasm_f32x4_splat(p[j]);
          const float* kj = k + j * d3;
          float* dk = DK + j * hd;
          float* dv = DV + j * hd;
          for (int c = 0; c < hd / 4; c++) {
            dq[c] = wasm_f32x4_add(dq[c], wasm_f32x4_mul(ds, wasm_v128_load(kj + 4 * c)));
            wasm_v128_store(dk + 4 * c,
                            wasm_f32x4_add(wasm_v128_load(dk + 4 * c), wasm_f32x4_mul(ds, qi[c])));
            wasm_v128_store(dv + 4 * c,
                            wasm_f32x4_add(wasm_v128_load(dv + 4 * c), wasm_f32x4_mul(pj, gi[c])));
          }
        }
        for (int c = 0; c < hd / 4; c++) wasm_v128_store(dbase + i * d3 + h * hd + 4 * c, dq[c]);
      }
      for (int j = 0; j < T; j++) {
        for (int c = 0; c < hd; c += 4) {
          wasm_v128_store(dbase + j * d3 + d + h * hd + c, wasm_v128_load(DK + j * hd + c));
          wasm_v128_store(dbase + j * d3 + 2 * d + h * hd + c, wasm_v128_load(DV + j * hd + c));
        }
      }
    }
  }
}

// Backward: dqkv from qkv, the forward's probs (all T rows) and dctx. Same limits as forward.
void attn_backward(const float* qkv, const float* probs, const float* dctx, float* dqkv, int B,
                   int T, int H, int hd, float scale) {
  if (hd == 16) backward_impl(qkv, probs, dctx, dqkv, B, T, H, 16, scale);
  else if (hd == 8) backward_impl(qkv, probs, dctx, dqkv, B, T, H, 8, scale);
  else backward_impl(qkv, probs, dctx, dqkv, B, T, H, hd, scale);
}

static inline float hsum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) +
         wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

// LayerNorm over the rows of x [N, d] (d a multiple of 4): y = (x − mean) / √(var + eps) · gamma
// + beta, biased variance. Inference only; training uses the tfjs version with its gradient.
void layer_norm(const float* x, const float* gamma, const float* beta, float* y, int N, int d,
                float eps) {
  const float inv_d = 1.0f / (float)d;
  for (int r = 0; r < N; r++) {
    const float* xr = x + r * d;
    float* yr = y + r * d;
    v128_t s = wasm_f32x4_splat(0.0f);
    for (int c = 0; c < d; c += 4) s = wasm_f32x4_add(s, wasm_v128_load(xr + c));
    const v128_t mean = wasm_f32x4_splat(hsum(s) * inv_d);
    v128_t s2 = wasm_f32x4_splat(0.0f);
    for (int c = 0; c < d; c += 4) {
      const v128_t t = wasm_f32x4_sub(wasm_v128_load(xr + c), mean);
      s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(t, t));
    }
    const v128_t rstd = wasm_f32x4_splat(1.0f / __builtin_sqrtf(hsum(s2) * inv_d + eps));
    for (int c = 0; c < d; c += 4) {
      const v128_t t = wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_load(xr + c), mean), rstd);
      wasm_v128_store(yr + c, wasm_f32x4_add(wasm_f32x4_mul(t, wasm_v128_load(gamma + c)),
                                             wasm_v128_load(beta + c)));
    }
  }
}

// Inverted-dropout mask: out[i] = scale if the i-th mulberry32 draw from `seed` is ≥ threshold,
// else 0. The same stream as seededRng(seed).uint32() in lib/stats/random.ts.
void dropout_mask(float* out, int n, unsigned seed, unsigned threshold, float scale) {
  unsigned a = seed;
  for (int i = 0; i < n; i++) {
    a += 0x6d2b79f5u;
    unsigned t = (a ^ (a >> 15)) * (a | 1u);
    t ^= t + (t ^ (t >> 7)) * (t | 61u);
    t ^= t >> 14;
    out[i] = t >= threshold ? scale : 0.0f;
  }
}
