# Runs the peer's estimator (../shared/peers/numpy_identity.py: its mixture, VP SDE, densities and
# u*) with a smaller n and step count, and prints per-control means and standard errors of J, V, G
# as JSON. The peer's own definitions are executed unchanged; only its final loop is left out.
import json, sys
import numpy as np
src = open(sys.argv[1]).read()
exec(src[:src.index("for name,ctrl in")])
N, K = int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(int(sys.argv[4]))
def paths(ctrl):
    d = 2; x = rng.standard_normal((N, d))
    V0 = -logp_score(x, T)[0]
    J = np.zeros(N); G = np.zeros(N); h = T / K
    for i in range(K):
        tau = i * h; t = T - tau; b = beta(t); g = np.sqrt(b)
        us = ustar(x, tau); u = ctrl(x, tau, us)
        J += (0.5 * (u * u).sum(1) - 0.5 * b * d) * h; G += 0.5 * ((u - us) ** 2).sum(1) * h
        x = x + (0.5 * b * x + g * u) * h + g * np.sqrt(h) * rng.standard_normal(x.shape)
    J += -logp_score(x, 1e-12)[0]
    se = lambda a: float(a.std(ddof=1) / np.sqrt(N))
    return {"J": float(J.mean()), "J_se": se(J), "V": float(V0.mean()), "V_se": se(V0), "G": float(G.mean()), "G_se": se(G)}
out = {"u*": paths(lambda x, tau, us: us), "0.7u*": paths(lambda x, tau, us: 0.7 * us),
       "u*+0.5": paths(lambda x, tau, us: us + 0.5)}
print(json.dumps(out))
