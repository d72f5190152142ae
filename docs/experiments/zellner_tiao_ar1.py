"""Eighteenth session (docs/calibration.md, "Eighteenth session"): the slope's posterior with the AR(1)
coefficient integrated out (Zellner & Tiao 1964) against a plug-in of phi at its REML estimate (z = 0) or at
the upper end of its likelihood bound (z = 0.5, 1; Student t with n(1 - phi)/(1 + phi) degrees of freedom),
on pure AR(1) noise (marginal sd sigma, phi per 60 s sample) plus a 10 MB/h trend. The posterior: GLS at
each phi of a 400-point grid, flat priors on beta and log sigma (Student t with n - 2 df about the GLS
slope), weights exp(REML loglik) times the prior on phi: PRIOR=flat (uniform in phi), jeff ((1 - phi^2)^-1/2)
or u (uniform in log(1 - phi), what the code uses); P(slope <= 0) is the p-value. OLS=1 puts the OLS slope
in every component instead of the GLS one. Size on trend-free runs, power with a 5 MB/h floor.
Usage: [PRIOR=u] [OLS=1] python3 zellner_tiao_ar1.py PHI SIGMA HOURS RUNS (numpy, scipy)."""
import numpy as np, sys, os
from scipy.stats import norm, t as tdist
phi = float(sys.argv[1]); sigma = float(sys.argv[2]); hours = float(sys.argv[3]); runs = int(sys.argv[4])
rng = np.random.default_rng(7)
dt = 1/60.0; n = int(round(hours/dt)); t = np.arange(n)*dt
grid = np.linspace(0.0, 0.998, 400)
X = np.column_stack([np.ones(n), t - t.mean()])
def ar1(k):
    e = rng.standard_normal((k, n)) * sigma*np.sqrt(1-phi**2)
    y = np.empty((k, n)); y[:,0] = rng.standard_normal(k)*sigma
    for i in range(1, n): y[:,i] = phi*y[:,i-1] + e[:,i]
    return y
def transform(Z, f):
    sh = (-1,)+(1,)*Z.ndim
    lag = np.concatenate([np.zeros(Z.shape[:-1]+(1,)), Z[...,:-1]], -1)
    out = Z[None,...] - f.reshape(sh)*lag[None,...]
    out[...,0] = Z[...,0]*np.sqrt(1-f**2).reshape((-1,)+(1,)*(Z.ndim-1))
    return out
XT = transform(X.T, grid); XtX = np.einsum('gin,gjn->gij', XT, XT); XtXi = np.linalg.inv(XtX)
logdetXtX = np.linalg.slogdet(XtX)[1]
def fit(y, zs):
    yt = transform(y, grid); Xy = np.einsum('gin,gkn->gki', XT, yt)
    beta = np.einsum('gij,gkj->gki', XtXi, Xy)
    rss = (yt**2).sum(-1) - np.einsum('gki,gki->gk', beta, Xy)
    ll = -0.5*((n-2)*np.log(rss/(n-2)) - np.log(1-grid**2)[:,None] + logdetXtX[:,None])
    g = ll.argmax(0); k = np.arange(y.shape[0]); mx = ll[g, k]
    res = {}
    for z in zs:
        ok = ll >= (mx - z*z/2)[None,:]
        gu = np.where(ok, np.arange(len(grid))[:,None], -1).max(0)
        b = beta[g, k, 1]            # slope at the point estimate
        s2 = rss[gu, k]/(n-2)
        se = np.sqrt(XtXi[gu,1,1]*s2)  # se at the upper phi (GLS variance at phi_u)
        res[z] = (b/se, b, grid[g])
    # Zellner-Tiao: mixture over the grid with REML weights
    PR = os.environ.get('PRIOR','flat')
    lp = {'flat': 0*grid, 'jeff': -0.5*np.log(1-grid**2), 'u': -np.log(1-grid)}[PR]
    w = np.exp(ll + lp[:,None] - (ll + lp[:,None]).max(0)[None,:]); w /= w.sum(0)[None,:]
    seg = np.sqrt(XtXi[:,1,1][:,None]*rss/(n-2))
    bols = beta[0,:,1]   # grid[0] = 0: OLS slope
    pg = tdist.sf((bols[None,:] if OLS else beta[:,:,1])/seg, n-2)
    pm = (w*pg).sum(0)
    res['zt'] = (pm, beta[g,k,1], grid[g])
    return res
zs = (0, 0.5, 1.0)
OLS = os.environ.get('OLS')=='1'
def sim(sl):
    out = {z: ([],[],[]) for z in zs+('zt',)}
    for c in range(0, runs, 250):
        m = min(250, runs-c); r = fit(ar1(m) + sl*t, zs)
        for z in zs:
            for i in range(3): out[z][i].append(r[z][i])
        for i in range(3): out['zt'][i].append(r['zt'][i])
    return {z: [np.concatenate(v) for v in out[z]] for z in zs+('zt',)}
s0 = sim(0.0); s1 = sim(10.0)
for z in zs:
    t0, b0, p0 = s0[z]; t1, b1, p1 = s1[z]
    df0 = np.maximum(3, n*(1-p0)/(1+p0)); df1 = np.maximum(3, n*(1-p1)/(1+p1))
    line = [f"phi={phi} T={hours} z={z}:"]
    for a in (0.025, 0.05):
        line.append(f"a={a} size={np.mean(tdist.sf(t0, df0) < a):.3f} power={np.mean((tdist.sf(t1, df1) < a) & (b1 >= 5)):.3f}")
    print(" ".join(line))

p0 = s0['zt'][0]; p1 = s1['zt'][0]; b1 = s1['zt'][1]
print(f"phi={phi} T={hours} ZT:", " ".join(f"a={a} size={np.mean(p0 < a):.3f} power={np.mean((p1 < a) & (b1 >= 5)):.3f}" for a in (0.025, 0.05)))
