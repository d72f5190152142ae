"""Thirteenth session (docs/calibration.md, "Thirteenth session"): Kenward-Roger (1997) for a GLS trend slope
with AR(1) errors at the REML point estimate of phi, against plain GLS with n(1 - phi)/(1 + phi) df.
Usage: python3 kenward_roger_ar1.py PHI SIGMA HOURS RUNS (numpy, scipy)."""
import numpy as np, sys
from scipy.stats import t as tdist
from scipy.optimize import minimize_scalar
phi0 = float(sys.argv[1]); sigma = float(sys.argv[2]); hours = float(sys.argv[3]); runs = int(sys.argv[4])
rng = np.random.default_rng(11)
n = int(round(hours*60)); t = np.arange(n)/60.0
X = np.column_stack([np.ones(n), t - t.mean()]); p = 2
D = np.abs(np.subtract.outer(np.arange(n), np.arange(n))).astype(float)
def Rinv(f):
    # inverse of the AR(1) correlation matrix: tridiagonal
    A = np.zeros((n, n)); i = np.arange(n)
    A[i, i] = 1 + f*f; A[0, 0] = A[-1, -1] = 1
    A[i[:-1], i[:-1]+1] = -f; A[i[:-1]+1, i[:-1]] = -f
    return A/(1 - f*f)
def reml_negll(f, y):
    Ri = Rinv(f)
    XtRX = X.T@Ri@X; b = np.linalg.solve(XtRX, X.T@Ri@y); r = y - X@b
    s2 = r@Ri@r/(n-p)
    logdetR = (n-1)*np.log(1-f*f)
    return 0.5*((n-p)*np.log(s2) + logdetR + np.linalg.slogdet(XtRX)[1])
def analyse(y):
    grid = np.linspace(0, 0.995, 60)
    v = [reml_negll(f, y) for f in grid]; g = int(np.argmin(v))
    lo, hi = grid[max(0, g-1)], grid[min(59, g+1)]
    f = minimize_scalar(lambda q: reml_negll(q, y), bounds=(lo, hi), method='bounded').x
    Ri = Rinv(f); XtRX = X.T@Ri@X; b = np.linalg.solve(XtRX, X.T@Ri@y); r = y - X@b
    s2 = r@Ri@r/(n-p)
    # KR with theta = (s2, f); V = s2 R(f)
    R = f**D
    Vi = Ri/s2
    Phi = np.linalg.inv(X.T@Vi@X)
    V1 = R                     # dV/ds2
    dR = np.where(D > 0, D*f**np.maximum(D-1, 0), 0.0)
    V2 = s2*dR                 # dV/df
    d2R = np.where(D > 1, D*(D-1)*f**np.maximum(D-2, 0), 0.0)
    Vd = [V1, V2]
    Pm = Vi - Vi@X@Phi@X.T@Vi   # REML projection
    A = [Pm@Vk for Vk in Vd]
    I = np.array([[0.5*np.sum(A[i]*A[j].T) for j in range(2)] for i in range(2)])
    W = np.linalg.inv(I)
    P = [-X.T@Vi@Vk@Vi@X for Vk in Vd]
    Q = [[X.T@Vi@Vd[i]@Vi@Vd[j]@Vi@X for j in range(2)] for i in range(2)]
    Rt = [[np.zeros((p, p)), X.T@Vi@dR@Vi@X], [X.T@Vi@dR@Vi@X, X.T@Vi@(s2*d2R)@Vi@X]]
    Lam = np.zeros((p, p))
    for i in range(2):
        for j in range(2):
            Lam += W[i, j]*(Q[i][j] - P[i]@Phi@P[j] - 0.25*Rt[i][j])
    Lam = Phi@Lam@Phi
    PhiA = Phi + 2*Lam
    L = np.array([0, 1.0])
    g = np.array([L@(-Phi@P[i]@Phi)@L for i in range(2)])   # d(L'Phi L)/dtheta_i = L' Phi X'Vi Vi_i Vi X Phi L
    varPhi = g@W@g
    vA = L@PhiA@L; v0 = L@Phi@L
    df = max(3.0, 2*v0*v0/varPhi)
    return b[1], np.sqrt(v0), np.sqrt(max(vA, v0)), df, f
def ar1(sl):
    e = rng.standard_normal(n)*sigma*np.sqrt(1-phi0**2)
    y = np.empty(n); y[0] = rng.standard_normal()*sigma
    for i in range(1, n): y[i] = phi0*y[i-1] + e[i]
    return y + sl*t
res = {0: [], 10: []}
for sl in (0, 10):
    for k in range(runs):
        res[sl].append(analyse(ar1(sl)))
for a in (0.025,):
    for name, col in (("plain GLS, t(df phi)", 1), ("KR se, KR df", 2)):
        out = []
        for sl in (0, 10):
            arr = np.array(res[sl]); b, se = arr[:, 0], arr[:, col]
            if col == 1:
                fh = arr[:, 4]; df = np.maximum(3, n*(1-fh)/(1+fh))
            else:
                df = arr[:, 3]
            rej = tdist.sf(b/se, df) < a
            if sl: rej &= b >= 5
            out.append(rej.mean())
        print(f"phi={phi0} sigma={sigma} T={hours}h a={a} {name}: size={out[0]:.3f} power={out[1]:.3f}")
arr = np.array(res[0]); print("median KR df", np.median(arr[:, 3]), "median se ratio KR/plain", np.median(arr[:, 2]/arr[:, 1]))
