"""Twelfth session (docs/calibration.md, "Twelfth session"): does a two-time-scale noise model (fast AR(1) + slow AR(1) + white, chosen over an
AR(1) plus white noise by a likelihood-ratio test) keep a slope test's size when 30 % of the noise
variance wanders with a 2-hour correlation time, and what does it cost on pure AR(1) noise?
Dense REML (n <= 500 after averaging consecutive samples), GLS slope at the point estimate, normal
critical value, one-sided 2.5 %. Usage: python3 two_scale_noise.py PHI SIGMA WANDER HOURS RUNS SLOPE SEED"""
import numpy as np, sys
from scipy.linalg import cho_factor, cho_solve
from scipy.optimize import minimize
from scipy.stats import norm, chi2
phi, sigma, wander, hours, runs, slope, seed = (float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]),
    float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7]))
rng = np.random.default_rng(seed)
n1 = int(round(hours * 60)); k = max(1, -(-n1 // 500)); n = n1 // k
tmin = (np.arange(n) * k + (k - 1) / 2.0)  # minutes, mid of each average
t = tmin / 60.0
X = np.column_stack([np.ones(n), t - t.mean()])
lagn = np.abs(np.subtract.outer(np.arange(n), np.arange(n)))
def Rav(p):
    """Correlation matrix of means of k consecutive samples of an AR(1) with per-sample coefficient p."""
    if k == 1: return p ** lagn
    d = np.arange(1, k)
    v0 = (k + 2 * ((k - d) * p ** d).sum()) / k**2
    c1 = (((1 - p**k) / (1 - p)) ** 2) / k**2
    C = np.where(lagn == 0, v0, c1 * p ** np.maximum(lagn * k - k + 1, 0))
    return C / v0
def reml(V):
    try: c = cho_factor(V, lower=True)
    except Exception: return -1e300, None
    Vi_X = cho_solve(c, X); XtViX = X.T @ Vi_X
    Vi_y = cho_solve(c, y_cur)
    beta = np.linalg.solve(XtViX, X.T @ Vi_y)
    r = y_cur - X @ beta
    s2 = r @ cho_solve(c, r) / (n - 2)
    ll = -0.5 * ((n - 2) * np.log(s2) + 2 * np.log(np.diag(c[0])).sum() + np.linalg.slogdet(XtViX)[1])
    return ll, (beta, s2 * np.linalg.inv(XtViX))
def sig(x): return 1 / (1 + np.exp(-x))
def m1(x):  # phi, white share
    p = 0.999 * sig(x[0]); w = 0.95 * sig(x[1])
    return (1 - w) * Rav(p) + w * np.eye(n)
def m2(x):  # fast phi, slow phi (>= fast), slow share, white share
    pf = 0.999 * sig(x[0]); ps = pf + (0.9995 - pf) * sig(x[1]); sh = sig(x[2]); v = 0.9 * sh; w = 0.5 * sig(x[3]) * (1 - v)
    return (1 - v - w) * Rav(pf) + v * Rav(ps) + w * np.eye(n)
def fit(model, starts):
    best = None
    for s in starts:
        r = minimize(lambda x: -reml(model(x))[0], s, method='Nelder-Mead', options={'maxiter': 250, 'xatol': 1e-3, 'fatol': 1e-3})
        if best is None or r.fun < best.fun: best = r
    ll, (beta, cov) = reml(model(best.x))
    return ll, beta[1] / np.sqrt(cov[1, 1]), beta[1]
def sim():
    e = rng.standard_normal(n1)
    f = np.empty(n1); f[0] = e[0]
    for i in range(1, n1): f[i] = phi * f[i-1] + np.sqrt(1 - phi*phi) * e[i]
    out = np.sqrt(1 - wander) * f
    if wander > 0:
        ps = np.exp(-1 / 120.0); e2 = rng.standard_normal(n1); s = np.empty(n1); s[0] = e2[0]
        for i in range(1, n1): s[i] = ps * s[i-1] + np.sqrt(1 - ps*ps) * e2[i]
        out += np.sqrt(wander) * s
    yy = sigma * out + slope * np.arange(n1) / 60.0
    return yy[:n*k].reshape(n, k).mean(1)
lg = lambda p: np.log(p / (0.999 - p))
res = []
for r in range(runs):
    y_cur = sim()
    l1, t1, b1 = fit(m1, [[lg(0.9**k), -2.0]])
    l2, t2, b2 = fit(m2, [[lg(0.9**k), 0.0, -1.0, -3.0]])
    res.append((t1, t2, 2 * (l2 - l1), b1, b2))
res = np.array(res)
zc = norm.ppf(0.975)
rej1 = res[:, 0] > zc; rej2 = res[:, 1] > zc
for crit in (5.99, 9.21):
    sel = res[:, 2] > crit
    rejs = np.where(sel, rej2, rej1)
    print(f"phi={phi} s={sigma} wander={wander} T={hours} slope={slope} k={k} runs={runs}: M1 {rej1.mean():.3f} M2 {rej2.mean():.3f} "
          f"selected(LR>{crit}) {rejs.mean():.3f} picked M2 {sel.mean():.3f}", flush=True)
