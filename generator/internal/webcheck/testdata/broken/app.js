document.title = "changed by a script";
throw new Error("boom from app.js");
