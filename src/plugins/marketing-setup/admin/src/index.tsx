const PLUGIN_ID = 'marketing-setup';

export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Marketing Setup' });
  },
  bootstrap() {},
  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefix(data), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};

const prefix = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v]));
